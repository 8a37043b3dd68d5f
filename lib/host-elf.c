/* SPDX-License-Identifier: MIT */
#include "host-elf.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

int host_elf_read(struct host_elf *host)
{
	int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	do
		n = read(fd, host->header, sizeof(host->header));
	while (n < 0 && errno == EINTR);
	int saved = errno;
	close(fd);
	if (n < 0)
		return -saved;
	host->len = (size_t)n;
	if (host->len < EI_NIDENT + 4 || memcmp(host->header, ELFMAG, SELFMAG) != 0)
		return -ENOEXEC;
	return 0;
}

const struct host_elf_variant host_elf_variants[HOST_ELF_VARIANTS] = {
    {ET_EXEC, ELFOSABI_SYSV},
    {ET_EXEC, ELFOSABI_GNU},
    {ET_DYN, ELFOSABI_SYSV},
    {ET_DYN, ELFOSABI_GNU},
};

unsigned host_elf_variants_matched(const unsigned char *header, size_t len,
				   const struct binfmt_entry *entry)
{
	unsigned char probe[BINFMT_HEADER_SIZE];
	unsigned matched = 0;

	if (entry->type != ENTRY_MAGIC || len < EI_NIDENT + 2)
		return 0;
	if (len > sizeof(probe))
		len = sizeof(probe);
	bool msb = header[EI_DATA] == ELFDATA2MSB;
	for (size_t i = 0; i < HOST_ELF_VARIANTS; i++) {
		const struct host_elf_variant *v = &host_elf_variants[i];
		memcpy(probe, header, len);
		probe[EI_OSABI] = v->osabi;
		probe[EI_NIDENT + (msb ? 0 : 1)] = (unsigned char)(v->type >> 8);
		probe[EI_NIDENT + (msb ? 1 : 0)] = (unsigned char)(v->type & 0xff);
		if (entry_match(entry, probe, len, "host"))
			matched |= 1u << i;
	}
	return matched;
}

bool host_elf_captured_by(const struct host_elf *host, const struct binfmt_entry *entry)
{
	return host_elf_variants_matched(host->header, host->len, entry) != 0;
}
