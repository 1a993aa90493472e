# Soluzione: quale margine di ricompensa serve per scendere a una data perdita delle preferenze?
import math

import torch
import torch.nn.functional as F

print(f"{'perdita voluta':>14} {'σ(margine)':>11} {'margine':>8} {'verifica':>9}")
for perdita in (0.6931, 0.5, 0.1, 0.01):
    p = math.exp(-perdita)  # perdita = -log σ(m)  =>  σ(m) = e^(-perdita)
    margine = math.log(p / (1 - p))  # l'inversa di σ
    verifica = -F.logsigmoid(torch.tensor(margine)).item()
    assert abs(verifica - perdita) < 1e-6  # il margine trovato dà proprio la perdita voluta
    print(f"{perdita:>14.4f} {p:>11.4f} {margine:>8.3f} {verifica:>9.4f}")
