def collatz_steps(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


def longest_collatz(limit):
    best = 1
    best_steps = 0
    for n in range(1, limit + 1):
        steps = collatz_steps(n)
        if steps > best_steps:
            best = n
            best_steps = steps
    return [best, best_steps]

# ---- input ----
ENTRY = "longest_collatz"
DOC = "longest Collatz chain below a limit (helper with a while loop)"
def make_input(rng, size):
    return (max(1, size // 30),)
