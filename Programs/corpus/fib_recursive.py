def fib(n, first, second):
    if n == 0:
        return first
    if n == 1:
        return second
    return fib(n - 1, first, second) + fib(n - 2, first, second)

# ---- input ----
ENTRY = "fib"
DOC = "naive recursive Fibonacci from seeded first terms (exponential number of calls)"
def make_input(rng, size):
    return (min(size, 20), rng.randint(0, 9), rng.randint(1, 9))
