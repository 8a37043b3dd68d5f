/* SPDX-License-Identifier: MIT */
/* libFuzzer harness: the ELF header reader (probe_parse()) on arbitrary
 * bytes.  Whatever libelf makes of a header must agree with the bytes
 * themselves, decoded here by hand; nothing may read past the input. */
#include "probe.h"

#include <elf.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint32_t field(const unsigned char *at, size_t len, bool msb)
{
	uint32_t value = 0;
	for (size_t i = 0; i < len; i++)
		value |= (uint32_t)at[msb ? len - 1 - i : i] << (8 * i);
	return value;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	struct probe_header h;

	if (!ready) {
		if (!probe_init())
			abort();
		ready = true;
	}
	memset(&h, 0xa5, sizeof(h)); /* garbage the reader must not trust */
	h.head_len = size < sizeof(h.head) ? size : sizeof(h.head);
	memcpy(h.head, data, h.head_len);
	probe_parse(&h);

	bool signature = h.head_len >= 4 && memcmp(h.head, ELFMAG, 4) == 0;
	if ((h.kind == PROBE_NOT_ELF) == signature)
		abort();
	if (h.kind == PROBE_CORRUPT && !memchr(h.problem, '\0', sizeof(h.problem)))
		abort();
	if (h.kind != PROBE_ELF)
		return 0;

	bool is64 = h.head[EI_CLASS] == ELFCLASS64, msb = h.head[EI_DATA] == ELFDATA2MSB;
	size_t flags_at = is64 ? 48 : 36;
	if (h.head_len < (is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr)))
		abort();
	if (h.elf_class != h.head[EI_CLASS] || h.elf_data != h.head[EI_DATA] ||
	    h.osabi != h.head[EI_OSABI] || h.abi_version != h.head[EI_ABIVERSION] ||
	    h.type != field(h.head + 16, 2, msb) || h.machine != field(h.head + 18, 2, msb) ||
	    h.version != field(h.head + 20, 4, msb) || h.flags != field(h.head + flags_at, 4, msb))
		abort();
	return 0;
}
