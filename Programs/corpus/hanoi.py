def hanoi(n, source, target, spare, moves):
    if n == 0:
        return moves
    hanoi(n - 1, source, spare, target, moves)
    moves.append(source + target)
    hanoi(n - 1, spare, target, source, moves)
    return moves

# ---- input ----
ENTRY = "hanoi"
DOC = "towers of Hanoi, recording moves in a shared list"
def make_input(rng, size):
    n = 1
    while (2 ** (n + 1)) * 5 < size and n < 9:
        n += 1
    return (n, "A", "C", "B", [])
