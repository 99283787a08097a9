/**
 * Where 署名 and 成文日期 sit (GB/T 9704 7.3.5), in characters from the right edge of the type
 * area. Pure and import-free: the .docx export and the web's paged preview place them by this
 * one rule. Sealed: the date 4 characters from the right, the 署名 centred over it. Unsealed:
 * the 署名 2 characters from the right, the date on the next line starting 2 characters further
 * right (when the date is the longer, it keeps 2 characters from the right and the 署名 moves left).
 */
export function signaturePlacement(signatureWidth: number, dateWidth: number, sealed: boolean): { signatureRight: number; dateRight: number } {
  if (sealed) {
    const dateRight = 4;
    return { dateRight, signatureRight: Math.max(0, dateRight + (dateWidth - signatureWidth) / 2) };
  }
  const signatureRight = 2;
  const dateRight = signatureRight + signatureWidth - 2 - dateWidth;
  if (dateRight >= 2) return { signatureRight, dateRight };
  return { dateRight: 2, signatureRight: 2 + dateWidth + 2 - signatureWidth };
}
