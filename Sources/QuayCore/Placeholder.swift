// QuayCore
