def word_frequency(text):
    counts = {}
    best = ""
    for word in text.split():
        counts[word] = counts.get(word, 0) + 1
        if best == "" or counts[word] > counts[best]:
            best = word
    return best

# ---- input ----
ENTRY = "word_frequency"
DOC = "most frequent word (dict of counts, first to reach the top wins)"
def make_input(rng, size):
    words = ["go", "stop", "wait", "run", "sit"]
    return (" ".join(rng.choice(words) for _ in range(size)),)
