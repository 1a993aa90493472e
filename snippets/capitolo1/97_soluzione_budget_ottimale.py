# Soluzione: dato un budget di calcolo C, quanti parametri e quanti token con D = 20·N.
import math

TOKEN_PER_PARAMETRO = 20
budget = {
    # Gopher: 5,76·10^23 FLOP (Hoffmann et al., arXiv:2203.15556, Tabella 3).
    "Gopher": 5.76e23,
    # GPT-3: 3,14·10^23 FLOP (Brown et al., arXiv:2005.14165, Tabella D.1).
    "GPT-3": 3.14e23,
}
print(f"{'budget':<8}{'C (FLOP)':>10}{'N ottimale':>12}{'D ottimale':>12}")
ottimi = {}
for nome, c in budget.items():
    # C = 6 · N · D e D = 20 · N  =>  C = 120 · N²  =>  N = √(C / 120).
    n = math.sqrt(c / (6 * TOKEN_PER_PARAMETRO))
    d = TOKEN_PER_PARAMETRO * n
    ottimi[nome] = n
    print(f"{nome:<8}{c:>10.3g}{n:>12.3g}{d:>12.3g}")
    assert math.isclose(6 * n * d, c)

# Con il budget di Gopher la regola ritrova Chinchilla: 70 miliardi di parametri (Tabella 1).
assert abs(ottimi["Gopher"] / 70e9 - 1) < 0.03
