def roman_to_int(text):
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i in range(len(text)):
        v = values[text[i]]
        if i + 1 < len(text) and values[text[i + 1]] > v:
            total -= v
        else:
            total += v
    return total

# ---- input ----
ENTRY = "roman_to_int"
DOC = "roman numeral to integer with a lookup dict"
def make_input(rng, size):
    n = rng.randint(1, 3999)
    parts = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            parts.append(letters)
            n -= value
    return ("M" * (size // 4) + "".join(parts),)
