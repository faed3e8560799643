def int_to_roman(n):
    values = [1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1]
    letters = ["M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"]
    out = ""
    for i in range(len(values)):
        while n >= values[i]:
            out += letters[i]
            n -= values[i]
    return out


def romans(nums):
    out = []
    for n in nums:
        out.append(int_to_roman(n))
    return out

# ---- input ----
ENTRY = "romans"
DOC = "integers to roman numerals, a helper called per number"
def make_input(rng, size):
    return ([rng.randint(1, 60) for _ in range(max(1, size // 12))],)
