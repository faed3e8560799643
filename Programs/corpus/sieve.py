def sieve(limit, queries):
    is_prime = [True] * (limit + 1)
    is_prime[0] = False
    is_prime[1] = False
    p = 2
    while p * p <= limit:
        if is_prime[p]:
            for m in range(p * p, limit + 1, p):
                is_prime[m] = False
        p += 1
    primes = []
    for q in queries:
        if is_prime[q]:
            primes.append(q)
    return primes

# ---- input ----
ENTRY = "sieve"
DOC = "sieve of Eratosthenes, then which of the seeded queries are prime"
def make_input(rng, size):
    limit = max(4, size // 3)
    queries = [rng.randint(2, 4 * limit) % (limit - 1) + 2 for _ in range(max(3, size // 12))]
    return (limit, queries)
