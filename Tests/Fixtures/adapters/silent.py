"""Never answers hello: an adapter stuck loading."""
import sys
import time

sys.stdin.readline()
time.sleep(600)
