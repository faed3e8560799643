def next_row(row):
    out = [1]
    for i in range(len(row) - 1):
        out.append(row[i] + row[i + 1])
    out.append(1)
    return out


def pascal(n):
    rows = [[1]]
    while len(rows) < n:
        rows.append(next_row(rows[-1]))
    return rows[-1]

# ---- input ----
ENTRY = "pascal"
DOC = "rows of Pascal's triangle, a helper building each row"
def make_input(rng, size):
    n = 1
    while n * n < 2 * size:
        n += 1
    return (n,)
