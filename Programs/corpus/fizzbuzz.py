def fizzbuzz(start, stop, fizz, buzz):
    out = []
    for i in range(start, stop):
        word = ""
        if i % fizz == 0:
            word += "Fizz"
        if i % buzz == 0:
            word += "Buzz"
        if word == "":
            word = str(i)
        out.append(word)
    return out

# ---- input ----
ENTRY = "fizzbuzz"
DOC = "FizzBuzz over a seeded range with seeded divisors, into a list of strings"
def make_input(rng, size):
    start = rng.randint(1, 999)
    fizz = rng.randint(2, 4)
    return (start, start + size, fizz, rng.randint(fizz + 1, 7))
