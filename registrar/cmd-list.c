/* SPDX-License-Identifier: MIT */
/* qbinfmt list: the target table, and which emulators this machine has. */
#include "commands.h"
#include "json.h"
#include "qemu-find.h"
#include "report.h"
#include "targets.h"

#include <elf.h>
#include <stdio.h>
#include <string.h>

static const char *qemu_state(const struct qemu_found *q)
{
	if (q->static_path[0] && q->dynamic_path[0])
		return "static+dynamic";
	if (q->static_path[0])
		return "static";
	if (q->dynamic_path[0])
		return "dynamic";
	return "none";
}

static void print_json_row(const struct target *t, const struct qemu_found *q, bool host)
{
	struct binfmt_entry e;
	char register_string[BINFMT_REGISTER_MAX + 1];

	target_entry(t, "/INTERPRETER", 0, &e);
	printf("{\"name\":");
	json_string(stdout, t->name);
	printf(",\"family\":");
	json_string(stdout, t->family);
	printf(",\"class\":%d,\"data\":\"%s\",\"machine\":%u,\"aliases\":[",
	       t->elf_class == ELFCLASS64 ? 64 : 32, t->elf_data == ELFDATA2MSB ? "msb" : "lsb",
	       t->machine);
	for (const char *p = t->aliases; *p;) {
		size_t len = strcspn(p, " ");
		char alias[64];
		snprintf(alias, sizeof(alias), "%.*s", (int)len, p);
		if (p != t->aliases)
			putchar(',');
		json_string(stdout, alias);
		p += len;
		p += strspn(p, " ");
	}
	printf("],\"host_family\":%s,\"qemu_static\":", host ? "true" : "false");
	if (q->static_path[0])
		json_string(stdout, q->static_path);
	else
		printf("null");
	printf(",\"qemu_dynamic\":");
	if (q->dynamic_path[0])
		json_string(stdout, q->dynamic_path);
	else
		printf("null");
	printf(",\"offset\":%d,\"magic\":", e.offset);
	json_hex(stdout, e.magic, e.size);
	printf(",\"mask\":");
	json_hex(stdout, e.mask, e.size);
	if (entry_format(&e, register_string, sizeof(register_string)) > 0) {
		printf(",\"register\":");
		json_string(stdout, register_string);
	}
	printf("}");
}

int do_list(const struct options *opts, int argc, char **argv)
{
	const char *host_family = target_host_family();

	if (argc == 2 && strcmp(argv[1], "--names") == 0) {
		/* One name per line, for scripts (make install uses it). */
		for (size_t i = 0; i < target_count; i++)
			printf("%s\n", targets[i].name);
		return EXIT_OK;
	}
	if (argc > 1)
		die(EXIT_USAGE, "list: unexpected argument '%s' (try 'qbinfmt --help')", argv[1]);

	if (opts->json)
		printf("[");
	else
		printf("%-12s %-10s %-5s %-14s %-4s %s\n", "TARGET", "FAMILY", "ELF", "QEMU",
		       "HOST", "ALIASES");
	for (size_t i = 0; i < target_count; i++) {
		const struct target *t = &targets[i];
		struct qemu_found q;
		bool host = host_family && strcmp(host_family, t->family) == 0;
		char elf[8];

		qemu_find(opts->qemu_dirs, t->name, &q);
		if (opts->json) {
			if (i)
				printf(",");
			print_json_row(t, &q, host);
			continue;
		}
		snprintf(elf, sizeof(elf), "%d%s", t->elf_class == ELFCLASS64 ? 64 : 32,
			 t->elf_data == ELFDATA2MSB ? "msb" : "lsb");
		printf("%-12s %-10s %-5s %-14s %-4s %s\n", t->name, t->family, elf, qemu_state(&q),
		       host ? "yes" : "-", t->aliases);
	}
	if (opts->json)
		printf("]\n");
	return EXIT_OK;
}
