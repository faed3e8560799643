def apply(op, a, b):
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    return a // b


def eval_rpn(tokens):
    stack = []
    for token in tokens:
        if token in "+-*/":
            b = stack.pop()
            a = stack.pop()
            try:
                stack.append(apply(token, a, b))
            except ZeroDivisionError:
                stack.append(0)
        else:
            stack.append(int(token))
    return stack[-1]

# ---- input ----
ENTRY = "eval_rpn"
DOC = "reverse Polish evaluation with a stack; a division by zero raised in the helper is caught"
def make_input(rng, size):
    tokens, depth = [], 0
    for _ in range(max(1, size // 6)):
        if depth >= 2 and rng.random() < 0.5:
            tokens.append(rng.choice("+-*/"))
            depth -= 1
        else:
            tokens.append(str(rng.randint(0, 9)))
            depth += 1
    while depth > 1:
        tokens.append(rng.choice("+-*/"))
        depth -= 1
    return (tokens,)
