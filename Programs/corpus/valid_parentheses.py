def valid_parentheses(text):
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = []
    ok = True
    for ch in text:
        if ch in pairs:
            ok = ok and len(stack) > 0 and stack[-1] == pairs[ch]
            if stack:
                stack.pop()
        else:
            stack.append(ch)
    return ok and len(stack) == 0

# ---- input ----
ENTRY = "valid_parentheses"
DOC = "bracket matching with a stack and a flag"
def make_input(rng, size):
    broken = rng.random() < 0.5
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
        k = min(len(out) - 1, int(where * len(out)))
        out[k] = "]" if out[k] != "]" else ")"
    return ("".join(out),)
