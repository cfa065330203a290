print("quayctl")
