def capitalize(word):
    if word == "":
        return word
    return word[0].upper() + word[1:]


def title_case(text):
    words = text.split(" ")
    out = []
    for w in words:
        out.append(capitalize(w))
    return " ".join(out)

# ---- input ----
ENTRY = "title_case"
DOC = "capitalize each word with a helper"
def make_input(rng, size):
    words = ["the", "old", "man", "and", "sea", ""]
    return (" ".join(rng.choice(words) for _ in range(max(1, size // 5))),)
