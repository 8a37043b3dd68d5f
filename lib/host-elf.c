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

bool host_elf_captured_by(const struct host_elf *host, const struct binfmt_entry *entry)
{
	static const unsigned char osabis[] = { ELFOSABI_SYSV, ELFOSABI_GNU };
	static const unsigned short types[] = { ET_EXEC, ET_DYN };
	unsigned char probe[sizeof(host->header)];
	bool msb = host->header[EI_DATA] == ELFDATA2MSB;

	if (entry->type != ENTRY_MAGIC)
		return false;
	for (size_t o = 0; o < sizeof(osabis); o++) {
		for (size_t t = 0; t < sizeof(types) / sizeof(types[0]); t++) {
			memcpy(probe, host->header, host->len);
			probe[EI_OSABI] = osabis[o];
			probe[EI_NIDENT + (msb ? 1 : 0)] = (unsigned char)types[t];
			probe[EI_NIDENT + (msb ? 0 : 1)] = 0;
			if (entry_match(entry, probe, host->len, "host"))
				return true;
		}
	}
	return false;
}
