// QuayControl
