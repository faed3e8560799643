def fizzbuzz(n):
    out = []
    for i in range(1, n + 1):
        word = ""
        if i % 3 == 0:
            word += "Fizz"
        if i % 5 == 0:
            word += "Buzz"
        if word == "":
            word = str(i)
        out.append(word)
    return out

# ---- input ----
ENTRY = "fizzbuzz"
DOC = "FizzBuzz into a list of strings"
def make_input(rng, size):
    return (size,)
