# Soluzione: quanto squilibrio tra i testi discordanti serve perché p scenda sotto 0,05?
import csv

from scipy.stats import binomtest

with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    n_test = sum(r["parte"] == "test" for r in csv.DictReader(f))  # qui si contano soltanto


def minimo_per_distinguere(discordanti):
    """Il minimo di testi giusti solo con A che porta p sotto 0,05; None se non basta nessuno."""
    for solo_a in range(discordanti // 2, discordanti + 1):
        if binomtest(solo_a, discordanti, 0.5).pvalue < 0.05:
            return solo_a
    return None


print(f"testi di test: {n_test}")
print(f"{'discordanti':>11}{'giusti solo con A':>19}{'solo con B':>12}{'valore p':>10}", end="")
print(f"{'differenza di accuratezza':>27}")
minimi = {}
for discordanti in (5, 10, 20, 40, 80, 160):
    solo_a = minimi[discordanti] = minimo_per_distinguere(discordanti)
    if solo_a is None:
        print(f"{discordanti:>11}{'nessuno squilibrio basta':>41}")
        continue
    p = binomtest(solo_a, discordanti, 0.5).pvalue
    # A e B differiscono solo sui discordanti: la differenza di accuratezza è il loro saldo
    differenza = (solo_a - (discordanti - solo_a)) / n_test
    print(f"{discordanti:>11}{solo_a:>19}{discordanti - solo_a:>12}{p:>10.3f}{differenza:>27.3f}")
    # un testo in meno dalla parte di A, e p torna almeno a 0,05
    assert binomtest(solo_a - 1, discordanti, 0.5).pvalue >= 0.05

# La pagina cita questi valori: con 5 discordanti nessun risultato basta; con 20 e 160, i minimi
nessuno_con_5 = minimi[5] is None
solo_a_20, solo_b_20 = minimi[20], 20 - minimi[20]
differenza_20 = (2 * minimi[20] - 20) / n_test
quota_160 = minimi[160] / 160
