def valid_parentheses(text):
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = []
    for ch in text:
        if ch in pairs:
            if not stack or stack[-1] != pairs[ch]:
                return False
            stack.pop()
        else:
            stack.append(ch)
    return len(stack) == 0

# ---- input ----
ENTRY = "valid_parentheses"
DOC = "bracket matching with a stack"
def make_input(rng, size):
    broken = rng.random() < 0.3
    where = 0.5 + 0.4 * rng.random()
    closing = {"(": ")", "[": "]", "{": "}"}
    out, stack = [], []
    for _ in range(size):
        if stack and rng.random() < 0.5:
            out.append(closing[stack.pop()])
        else:
            ch = rng.choice("([{")
            stack.append(ch)
            out.append(ch)
    while stack:
        out.append(closing[stack.pop()])
    if broken:
        out[min(len(out) - 1, int(where * len(out)))] = "]"
    return ("".join(out),)
