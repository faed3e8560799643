def reverse_words(sentence):
    words = sentence.split(" ")
    out = ""
    i = len(words) - 1
    while i >= 0:
        out += words[i]
        if i > 0:
            out += " "
        i -= 1
    return out

# ---- input ----
ENTRY = "reverse_words"
DOC = "reverse the words of a sentence, building the string"
def make_input(rng, size):
    words = ["red", "cat", "sun", "ox", "tree", "map", "jam"]
    return (" ".join(rng.choice(words) for _ in range(size)),)
