def matrix_multiply(a, b):
    n = len(a)
    m = len(b[0])
    out = []
    for i in range(n):
        row = []
        for j in range(m):
            total = 0
            for k in range(len(b)):
                total += a[i][k] * b[k][j]
            row.append(total)
        out.append(row)
    return out

# ---- input ----
ENTRY = "matrix_multiply"
DOC = "matrix product with three nested loops"
def make_input(rng, size):
    n = 1 + size // 30
    a = [[rng.randint(0, 4) for _ in range(3)] for _ in range(n)]
    b = [[rng.randint(0, 4) for _ in range(2)] for _ in range(3)]
    return (a, b)
