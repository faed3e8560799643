def diagonal_sum(grid):
    n = len(grid)
    total = 0
    for i in range(n):
        total += grid[i][i]
        j = n - 1 - i
        if j != i:
            total += grid[i][j]
    return total


def diagonal_sums(grids):
    sums = []
    for grid in grids:
        sums.append(diagonal_sum(grid))
    return sums

# ---- input ----
ENTRY = "diagonal_sums"
DOC = "sum of both diagonals of each square grid"
def make_input(rng, size):
    grids = []
    for _ in range(1 + size // 20):
        n = rng.randint(1, 4)
        grids.append([[rng.randint(0, 9) for _ in range(n)] for _ in range(n)])
    return (grids,)
