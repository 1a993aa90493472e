# Il learning rate passo per passo: warm-up lineare, poi discesa lineare o a coseno (transformers).
import math

import matplotlib.pyplot as plt
import torch
from transformers import get_cosine_schedule_with_warmup, get_linear_schedule_with_warmup

PICCO, PASSI, WARMUP = 1e-3, 100, 10  # learning rate massimo, passi totali, passi di warm-up


def programma(crea):  # il learning rate dei passi 0..PASSI-1, più quello a cui arriva dopo l'ultimo
    peso = torch.nn.Parameter(torch.zeros(1))  # un peso finto: qui conta solo il programma
    ottimizzatore = torch.optim.AdamW([peso], lr=PICCO)
    programmatore = crea(ottimizzatore, num_warmup_steps=WARMUP, num_training_steps=PASSI)
    valori = []
    for _ in range(PASSI + 1):
        valori.append(programmatore.get_last_lr()[0])
        ottimizzatore.step()  # nel ciclo vero: perdita, backward, step...
        programmatore.step()  # ...e poi il programma passa al passo dopo
    return valori


lineare = programma(get_linear_schedule_with_warmup)
coseno = programma(get_cosine_schedule_with_warmup)
print(f"{'passo':>5}  {'lineare':>9}  {'coseno':>9}")
for passo in (0, 1, 5, WARMUP, 30, 55, 80, PASSI - 1, PASSI):
    print(f"{passo:>5}  {lineare[passo]:>9.2e}  {coseno[passo]:>9.2e}")
print(f"(si fanno {PASSI} passi, da 0 a {PASSI - 1}: la riga {PASSI} è dove arriva il programma)")

# Le formule scritte a mano: salita da 0 al picco, poi discesa verso 0 alla fine.
for t in range(PASSI + 1):
    salita, avanzamento = t / WARMUP, (t - WARMUP) / (PASSI - WARMUP)
    atteso_lin = PICCO * (salita if t < WARMUP else 1 - avanzamento)
    atteso_cos = PICCO * (salita if t < WARMUP else 0.5 * (1 + math.cos(math.pi * avanzamento)))
    assert math.isclose(lineare[t], atteso_lin, abs_tol=1e-12)
    assert math.isclose(coseno[t], atteso_cos, abs_tol=1e-12)
assert lineare[0] == coseno[0] == 0.0  # il primo passo ha learning rate 0: non sposta i pesi
assert math.isclose(lineare[WARMUP], PICCO) and math.isclose(coseno[WARMUP], PICCO)
assert lineare[PASSI] == 0.0 and abs(coseno[PASSI]) < 1e-18  # 0 dopo l'ultimo passo...
assert lineare[PASSI - 1] > 0 and coseno[PASSI - 1] > 0  # ...mentre l'ultimo passo fatto non ha 0
meta = (WARMUP + PASSI) // 2  # a metà della discesa il coseno vale metà del picco, come il lineare
assert math.isclose(coseno[meta], PICCO / 2) and math.isclose(lineare[meta], PICCO / 2)
assert all(coseno[t] >= lineare[t] for t in range(WARMUP, meta))  # prima il coseno sta sopra
assert all(coseno[t] <= lineare[t] for t in range(meta, PASSI + 1))  # dopo sta sotto

fig, ax = plt.subplots(figsize=(5, 3))
ax.plot(lineare, label="warm-up + discesa lineare")
ax.plot(coseno, label="warm-up + coseno")
ax.axvline(WARMUP, color="gray", linestyle=":", label=f"fine del warm-up (passo {WARMUP})")
ax.set_xlabel("passo di ottimizzazione")
ax.set_ylabel("learning rate")
ax.legend(fontsize=8)
fig.tight_layout()
titolo = "Learning rate per passo: warm-up, poi discesa lineare o a coseno"
fig.savefig("programma_learning_rate.png", dpi=110, metadata={"Title": titolo})
print("\nfigura salvata: programma_learning_rate.png")
