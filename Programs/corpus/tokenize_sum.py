def read_number(text, i):
    value = 0
    while i < len(text) and text[i].isdigit():
        value = value * 10 + int(text[i])
        i += 1
    return [value, i]


def evaluate(text):
    total = 0
    sign = 1
    i = 0
    terms = 0
    while i < len(text):
        if text[i] == "-":
            sign = -1
            i += 1
        elif text[i] == "+":
            sign = 1
            i += 1
        else:
            value, i = read_number(text, i)
            total += sign * value
            terms += 1
    return total

# ---- input ----
ENTRY = "evaluate"
DOC = "sum of a +/- expression, a helper reading each number and returning the next position"
def make_input(rng, size):
    text = str(rng.randint(1, 999))
    while len(text) < max(2, size // 4):
        text += rng.choice("+-") + str(rng.randint(1, 99))
    return (text,)
