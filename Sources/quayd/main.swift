print("quayd")
