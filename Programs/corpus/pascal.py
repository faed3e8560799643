def next_row(row):
    out = [row[0]]
    for i in range(len(row) - 1):
        out.append(row[i] + row[i + 1])
    out.append(row[-1])
    return out


def pascal(top, n):
    rows = [top]
    while len(rows) < n:
        rows.append(next_row(rows[-1]))
    return rows[-1]

# ---- input ----
ENTRY = "pascal"
DOC = "rows of a Pascal-like triangle from a seeded top row, a helper building each row"
def make_input(rng, size):
    top = [rng.randint(1, 9), rng.randint(1, 9)]
    n = 1
    while n * n < 2 * size:
        n += 1
    return (top, n)
