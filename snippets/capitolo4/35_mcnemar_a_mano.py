# Due confronti con le stesse accuratezze: gli intervalli separati non decidono, i discordanti sì.
from math import comb, isclose

from scipy.stats import binomtest

# Due classificatori, A e B, sugli stessi 100 testi: quanti testi cadono in ogni casella
TABELLE = {
    "primo caso": {"entrambi giusti": 72, "solo A giusto": 8, "solo B giusto": 0,
                   "entrambi sbagliati": 20},
    "secondo caso": {"entrambi giusti": 52, "solo A giusto": 28, "solo B giusto": 20,
                     "entrambi sbagliati": 0},
}  # fmt: skip


def mcnemar_esatto(b, c):
    """Valore p bilaterale del test di McNemar esatto. Se i due classificatori si equivalgono,
    ogni testo discordante (giusto con uno solo dei due) va all'uno o all'altro a testa o croce."""
    n = b + c
    return min(1.0, 2 * sum(comb(n, k) for k in range(min(b, c) + 1)) / 2**n)


def intervallo(p, n):
    """L'accuratezza più o meno due scarti tipici, come nella pagina sulla valutazione."""
    scarto = (p * (1 - p) / n) ** 0.5
    return p - 2 * scarto, p + 2 * scarto


valori_p = {}
for nome, t in TABELLE.items():
    n = sum(t.values())
    b, c = t["solo A giusto"], t["solo B giusto"]
    acc_a = (t["entrambi giusti"] + b) / n
    acc_b = (t["entrambi giusti"] + c) / n
    (a_basso, a_alto), (b_basso, b_alto) = intervallo(acc_a, n), intervallo(acc_b, n)
    print(f"{nome}: {n} testi")
    print(f"{'':<14}{'B giusto':>10}{'B sbagliato':>13}")
    print(f"{'A giusto':<14}{t['entrambi giusti']:>10}{b:>13}")
    print(f"{'A sbagliato':<14}{c:>10}{t['entrambi sbagliati']:>13}")
    print(f"  accuratezza A {acc_a:.2f}, intervallo {a_basso:.2f}-{a_alto:.2f}")
    print(f"  accuratezza B {acc_b:.2f}, intervallo {b_basso:.2f}-{b_alto:.2f}")
    assert a_basso < b_alto  # i due intervalli si sovrappongono: da soli non distinguono A e B
    p = mcnemar_esatto(b, c)
    assert isclose(p, binomtest(b, b + c, 0.5).pvalue)  # lo stesso conto fatto da scipy
    print(f"  discordanti: {b} a favore di A, {c} a favore di B; valore p esatto {p:.4f}")
    print()
    valori_p[nome] = p

# Stesse accuratezze, stessi intervalli; ma solo nel primo caso lo squilibrio va oltre il caso
p_primo, p_secondo = valori_p["primo caso"], valori_p["secondo caso"]
assert p_primo < 0.05 < p_secondo
