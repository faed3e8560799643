def gcd(a, b):
    while b != 0:
        a, b = b, a % b
    return a


def gcd_all(nums):
    result = nums[0]
    for x in nums[1:]:
        result = gcd(result, x)
    return result

# ---- input ----
ENTRY = "gcd_all"
DOC = "Euclid's gcd folded over a list (helper with a while loop)"
def make_input(rng, size):
    k = rng.randint(11, 99)
    return ([k * rng.randint(1, 30) for _ in range(size + 1)],)
