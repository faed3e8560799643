def to_base(n, base):
    digits = "0123456789ABCDEF"
    if n == 0:
        return "0"
    out = ""
    while n > 0:
        out = digits[n % base] + out
        n //= base
    return out


def convert_all(nums, base):
    out = []
    for n in nums:
        out.append(to_base(n, base))
    return out

# ---- input ----
ENTRY = "convert_all"
DOC = "integers to a base-b string (digits prepended)"
def make_input(rng, size):
    return ([rng.randint(0, 500) for _ in range(max(1, size // 18))], rng.choice([2, 3, 8, 16]))
