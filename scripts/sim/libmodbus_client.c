/* Cross-check for Quay's Modbus RTU encoder: libmodbus builds and sends the same requests, with debug output
 * printing every frame it sends as [XX][XX]... and every byte it receives as <XX>.
 * Build: cc -o libmodbus_client libmodbus_client.c $(pkg-config --cflags --libs libmodbus)
 * Usage: libmodbus_client DEVICE BAUD OP...   with OP one of
 *   w6:UNIT:ADDR:VALUE      write single register (FC06)
 *   w16:UNIT:ADDR:V1,V2,..  write multiple registers (FC16)
 *   r3:UNIT:ADDR:COUNT      read holding registers (FC03)
 * Prints "OK op" or "ERR op: reason" after each operation. */
#include <errno.h>
#include <modbus.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s DEVICE BAUD OP...\n", argv[0]);
        return 2;
    }
    modbus_t *ctx = modbus_new_rtu(argv[1], atoi(argv[2]), 'N', 8, 1);
    if (ctx == NULL || modbus_connect(ctx) == -1) {
        fprintf(stderr, "connect %s: %s\n", argv[1], modbus_strerror(errno));
        return 1;
    }
    modbus_set_debug(ctx, TRUE);
    modbus_set_response_timeout(ctx, 1, 0);
    for (int i = 3; i < argc; i++) {
        char op[256];
        snprintf(op, sizeof op, "%s", argv[i]);
        char *kind = strtok(op, ":");
        int unit = atoi(strtok(NULL, ":"));
        int addr = atoi(strtok(NULL, ":"));
        char *rest = strtok(NULL, ":");
        modbus_set_slave(ctx, unit);
        int rc = -1;
        if (strcmp(kind, "w6") == 0) {
            rc = modbus_write_register(ctx, addr, atoi(rest));
        } else if (strcmp(kind, "w16") == 0) {
            uint16_t values[123];
            int n = 0;
            for (char *v = strtok(rest, ","); v != NULL && n < 123; v = strtok(NULL, ",")) values[n++] = (uint16_t)atoi(v);
            rc = modbus_write_registers(ctx, addr, n, values);
        } else if (strcmp(kind, "r3") == 0) {
            uint16_t values[125];
            rc = modbus_read_registers(ctx, addr, atoi(rest), values);
        }
        fflush(stdout);
        if (rc == -1) printf("\nERR %s: %s\n", argv[i], modbus_strerror(errno));
        else printf("\nOK %s\n", argv[i]);
        fflush(stdout);
    }
    modbus_close(ctx);
    modbus_free(ctx);
    return 0;
}
