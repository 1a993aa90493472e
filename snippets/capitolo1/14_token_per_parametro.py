# Da dove viene «20 token per parametro»: la Tabella 3 di Chinchilla, e C = 6·N·D riga per riga.
# Hoffmann et al., arXiv:2203.15556, Tabella 3 (Approccio 1): per ogni dimensione del modello,
# i FLOP e i token di un addestramento ottimale per quel calcolo (valori arrotondati dall'articolo).
TABELLA_3 = [  # (parametri N, FLOP C, token D)
    (400e6, 1.92e19, 8.0e9),
    (1e9, 1.21e20, 20.2e9),
    (10e9, 1.23e22, 205.1e9),
    (67e9, 5.76e23, 1.5e12),
    (175e9, 3.85e24, 3.7e12),
    (280e9, 9.90e24, 5.9e12),
    (520e9, 3.43e25, 11.0e12),
    (1e12, 1.27e26, 21.2e12),
    (10e12, 1.30e28, 216.2e12),
]

intestazione = ["parametri N", "token D", "D / N", "C articolo", "6·N·D", "rapp."]
print(" ".join(f"{t:>{w}}" for t, w in zip(intestazione, [12, 10, 7, 11, 9, 6])))
rapporti = []
for n, c, d in TABELLA_3:
    stima = 6 * n * d  # 6 FLOP per parametro e per token (Kaplan et al., §2.1)
    rapporti.append(d / n)
    print(f"{n:>12.3g} {d:>10.3g} {d / n:>7.1f} {c:>11.3g} {stima:>9.3g} {stima / c:>6.3f}")
    # La colonna dei FLOP dell'articolo è 6·N·D, a meno dell'arrotondamento dei token.
    assert abs(stima / c - 1) < 0.05, (n, stima, c)

print(f"\ntoken per parametro: da {min(rapporti):.1f} a {max(rapporti):.1f}")
# Chinchilla stessa: 70 miliardi di parametri, 1,4 mila miliardi di token (Tabella 1).
print(f"Chinchilla 70B su 1.4T token: {1.4e12 / 70e9:.1f} token per parametro")
assert all(19 < r < 23 for r in rapporti), rapporti
