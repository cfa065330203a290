// QuayStore
