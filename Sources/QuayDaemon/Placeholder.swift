// QuayDaemon
