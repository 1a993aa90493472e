# Soluzione: la regola dell'arresto anticipato come funzione, provata su tre curve scritte a mano.


def arresto(curva_val, pazienza):
    """Epoca dei pesi da tenere ed epoca in cui ci si ferma (l'ultima, se non ci si ferma mai).

    curva_val[0] è la perdita di validazione del modello di partenza, curva_val[e] quella dopo
    l'epoca e."""
    migliore, senza_miglioramenti = 0, 0
    for epoca in range(1, len(curva_val)):
        if curva_val[epoca] < curva_val[migliore]:
            migliore, senza_miglioramenti = epoca, 0
        else:
            senza_miglioramenti += 1
            if senza_miglioramenti == pazienza:
                return migliore, epoca
    return migliore, len(curva_val) - 1


# Curve inventate per provare la regola, non misurate: epoca 0, 1, 2, ...
curve = {
    "scende sempre": [3.0, 2.0, 1.5, 1.2, 1.1, 1.05, 1.02],
    "un gradino, poi scende": [3.0, 1.6, 0.85, 1.0, 0.82, 0.8, 0.79],
    "memorizza e risale": [3.0, 1.4, 1.1, 1.3, 1.6, 1.9, 2.2],
}
print(f"{'curva':<24} {'pazienza':>8}  {'pesi tenuti':>11}  {'arresto':>7}")
for nome, curva in curve.items():
    for pazienza in (1, 2, 3):
        tenuta, fine = arresto(curva, pazienza)
        print(f"{nome:<24} {pazienza:>8}  {'epoca ' + str(tenuta):>11}  {'epoca ' + str(fine):>7}")

gradino = curve["un gradino, poi scende"]
assert arresto(gradino, 1) == (2, 3)  # pazienza 1: si ferma sul gradino e tiene l'epoca 2
assert arresto(gradino, 2) == (6, 6)  # pazienza 2: supera il gradino, arriva alla perdita più bassa
for pazienza in (1, 2, 3):  # sulla curva che risale: stessi pesi, un'epoca sprecata in più
    assert arresto(curve["memorizza e risale"], pazienza) == (2, 2 + pazienza)
assert arresto(curve["scende sempre"], 3) == (6, 6)  # nessun arresto: si arriva all'ultima epoca

# la pagina cita questi valori
tenuta_p1, tenuta_p2 = gradino[arresto(gradino, 1)[0]], gradino[arresto(gradino, 2)[0]]
