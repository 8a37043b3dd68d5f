/* SPDX-License-Identifier: MIT */
/*
 * Entries that would take over what the host runs itself.  binfmt_misc
 * registers its handler at the head of the kernel's format list
 * (insert_binfmt()), so it is asked before the kernel's own ELF loader:
 * an entry matching the host's executables sends every native program
 * through the interpreter.
 */
#include "lint-internal.h"

#include "elf-names.h"
#include "elf-samples.h"

#include <elf.h>
#include <stdio.h>
#include <string.h>

/* "exec/sysv, dyn/gnu" for the variants that match. */
static bool host_matches(const struct binfmt_entry *e, const struct host *host, char *out,
			 size_t size)
{
	unsigned matched = elf_common_variants_matched(host->exe.head, host->exe.head_len, e);
	size_t used = 0;

	out[0] = '\0';
	for (size_t i = 0; i < ELF_COMMON_VARIANTS; i++) {
		const struct elf_sample *v = &elf_common_variants[i];
		if (!(matched & 1u << i))
			continue;
		int n = snprintf(out + used, size - used, "%s%s/%s", used ? ", " : "",
				 v->type == ET_EXEC ? "exec" : "dyn", elf_osabi_name(v->osabi));
		if (n > 0 && (size_t)n < size - used)
			used += (size_t)n;
	}
	/* The executable itself, whatever its OSABI. */
	if (!used && entry_match(e, host->exe.head, host->exe.head_len, host->source))
		snprintf(out, size, "%.80s itself", host->source);
	return out[0] != '\0';
}

void lint_host(const struct table *t, const struct host *host, struct lint_report *r)
{
	if (host->exe.kind != PROBE_ELF)
		return;
	const char *machine = elf_machine_name(host->exe.machine);
	char identity[96];

	snprintf(identity, sizeof(identity), "%s, ELFCLASS%d %s, machine %s",
		 host->target ? host->target->name : "unknown target",
		 host->exe.elf_class == ELFCLASS64 ? 64 : 32,
		 host->exe.elf_data == ELFDATA2MSB ? "MSB" : "LSB", machine ? machine : "?");

	for (size_t i = 0; i < t->count; i++) {
		const struct binfmt_entry *e = &t->items[i].entry;
		char variants[96];

		if (e->type != ENTRY_MAGIC)
			continue;
		if (host_matches(e, host, variants, sizeof(variants)))
			lint_add(
			    r, t, LINT_ERROR, LINT_HOST, i,
			    "captures this host's own executables (%s; matches %s): binfmt_misc is asked before the kernel's ELF loader, so every native program would run through %.96s",
			    identity, variants, e->interpreter);

		for (size_t k = 0; k < target_count; k++) {
			const struct target *other = &targets[k];
			struct host_verdict native;
			if (other == host->target)
				continue;
			host_judge(&host->profile, other, &native);
			if (native.native && elf_sample_matches(e, other))
				lint_add(
				    r, t, LINT_WARNING, LINT_HOST_FAMILY, i,
				    "captures %s binaries, which this %s host runs natively (%s): binfmt_misc is asked before the kernel's own loader",
				    other->name, host->target ? host->target->name : host->family,
				    native.why);
		}
	}
}
