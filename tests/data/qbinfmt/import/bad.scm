(use-modules (gnu services virtualization))
(qemu-binfmt-configuration
 (platforms (list (qemu-platform "s390x" "s390x" #u8(127 69 76 70) #u8(255 255 255))
                  %undefined
                  (qemu-platform "m68k" "m68k" #u8(127 69 76 70) #u8(255 255 255 254)))))
