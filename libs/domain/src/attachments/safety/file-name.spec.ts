import { sanitiseFileName } from './file-name';

describe('sanitiseFileName', () => {
  it('drops directories and keeps a matching extension', () => {
    expect(sanitiseFileName('../../etc/passwd.txt', 'txt')).toBe('passwd.txt');
    expect(sanitiseFileName('C:\\Users\\me\\Photo 1.JPEG', 'jpg')).toBe('Photo 1.JPEG');
  });

  it('puts the sniffed extension on a name that claims another type', () => {
    expect(sanitiseFileName('report.html', 'pdf')).toBe('report.html.pdf');
    expect(sanitiseFileName('notes', 'txt')).toBe('notes.txt');
  });

  it('removes control and bidirectional-override characters and reserved punctuation', () => {
    expect(sanitiseFileName('inv\u202Efdp.exe', 'pdf')).toBe('invfdp.exe.pdf');
    expect(sanitiseFileName('a\u0000b<c>:"d"|?*.png', 'png')).toBe('ab_c___d____.png');
  });

  it('falls back to a neutral name and caps the length', () => {
    expect(sanitiseFileName('   ', 'pdf')).toBe('attachment.pdf');
    expect(sanitiseFileName(undefined, 'png')).toBe('attachment.png');
    expect(sanitiseFileName(`${'é'.repeat(300)}.pdf`, 'pdf')).toHaveLength(200);
  });
});
