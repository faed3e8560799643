def digit_sum(n):
    total = 0
    while n > 0:
        total += n % 10
        n //= 10
    return total


def digital_roots(nums):
    out = []
    for n in nums:
        while n >= 10:
            n = digit_sum(n)
        out.append(n)
    return out

# ---- input ----
ENTRY = "digital_roots"
DOC = "repeated digit sums until one digit is left"
def make_input(rng, size):
    return ([rng.randint(0, 99999) for _ in range(max(1, size // 20))],)
