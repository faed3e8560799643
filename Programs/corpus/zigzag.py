def zigzag(text, rows):
    if rows == 1:
        return text
    lines = [""] * rows
    row = 0
    step = 1
    for ch in text:
        lines[row] += ch
        if row == 0:
            step = 1
        elif row == rows - 1:
            step = -1
        row += step
    return "".join(lines)

# ---- input ----
ENTRY = "zigzag"
DOC = "zigzag conversion over a number of rows"
def make_input(rng, size):
    return ("".join(rng.choice("abcdefgh") for _ in range(max(1, size // 5))), rng.randint(2, 4))
