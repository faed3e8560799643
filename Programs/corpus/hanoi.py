def hanoi(n, source, target, spare, moves):
    if n == 0:
        return moves
    hanoi(n - 1, source, spare, target, moves)
    moves.append(source + target)
    hanoi(n - 1, spare, target, source, moves)
    return moves

# ---- input ----
ENTRY = "hanoi"
DOC = "towers of Hanoi between seeded peg names, recording moves in a shared list"
def make_input(rng, size):
    pegs = rng.sample("ABCDEFGHJKLMNPQRSTUVWXYZ", 3)
    n = 1
    while (2 ** (n + 1)) * 5 < size and n < 9:
        n += 1
    return (n, pegs[0], pegs[1], pegs[2], [])
