def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

# ---- input ----
ENTRY = "fib"
DOC = "naive recursive Fibonacci (exponential number of calls)"
def make_input(rng, size):
    return (min(size, 22),)
