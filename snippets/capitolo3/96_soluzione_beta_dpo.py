# Soluzione: come β cambia la perdita DPO e il peso che il gradiente dà a una coppia.
import math

import torch
import torch.nn.functional as F

# h = (log π/π_ref della scelta) − (log π/π_ref della scartata), in nat
print(f"{'β':>5}{'h':>6}{'perdita':>9}{'peso β·σ(−β·h)':>16}")
for beta in (0.01, 0.1, 0.5):
    for h in (-10.0, 0.0, 10.0):
        h_t = torch.tensor(h, requires_grad=True)
        perdita = -F.logsigmoid(beta * h_t)
        perdita.backward()
        peso = -h_t.grad.item()  # quanto il passo spinge h verso l'alto
        assert math.isclose(
            peso, beta * torch.sigmoid(torch.tensor(-beta * h)).item(), rel_tol=1e-6
        )
        if h == 0:
            assert math.isclose(perdita.item(), math.log(2), rel_tol=1e-7)  # ogni β: log 2
        print(f"{beta:>5}{h:>6.0f}{perdita.item():>9.4f}{peso:>16.4f}")
