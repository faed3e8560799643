def is_palindrome(text):
    left = 0
    right = len(text) - 1
    while left < right and text[left] == text[right]:
        left += 1
        right -= 1
    return left >= right

# ---- input ----
ENTRY = "is_palindrome"
DOC = "two pointers from both ends, stopping at a mismatch"
def make_input(rng, size):
    broken = rng.random() < 0.5
    where = 0.55 + 0.3 * rng.random()
    half = "".join(rng.choice("abc") for _ in range(size))
    word = half + half[::-1]
    if broken:
        k = min(len(word) - 1, int(where * len(word)))
        word = word[:k] + "z" + word[k + 1:]
    return (word,)
