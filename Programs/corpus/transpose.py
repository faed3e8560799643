def transpose(matrix):
    rows = len(matrix)
    cols = len(matrix[0])
    out = []
    for c in range(cols):
        row = []
        for r in range(rows):
            row.append(matrix[r][c])
        out.append(row)
    return out

# ---- input ----
ENTRY = "transpose"
DOC = "matrix transpose with nested loops"
def make_input(rng, size):
    rows = 2 + size // 16
    return ([[rng.randint(0, 9) for _ in range(4)] for _ in range(rows)],)
