// QuayWeb
