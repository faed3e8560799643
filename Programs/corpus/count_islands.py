def count_islands(grid):
    rows = len(grid)
    cols = len(grid[0])
    seen = []
    for r in range(rows):
        seen.append([False] * cols)
    islands = 0
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] == 1 and not seen[r][c]:
                islands += 1
                stack = [(r, c)]
                seen[r][c] = True
                while stack:
                    y, x = stack.pop()
                    for dy, dx in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                        ny = y + dy
                        nx = x + dx
                        if 0 <= ny < rows and 0 <= nx < cols and grid[ny][nx] == 1 and not seen[ny][nx]:
                            seen[ny][nx] = True
                            stack.append((ny, nx))
    return islands

# ---- input ----
ENTRY = "count_islands"
DOC = "islands of 1s in a grid, iterative depth-first search with a stack"
def make_input(rng, size):
    cols = 5
    rows = 1 + size // 40
    return ([[1 if rng.random() < 0.45 else 0 for _ in range(cols)] for _ in range(rows)],)
