import sharp from 'sharp';
import { setUpCast, type Member } from './cast';
import { checkScreen, expect, test, unique } from './support';

// A phone photo as witnesses take them: a small PNG carrying EXIF with the device and a GPS position.
async function pngWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .png()
    .withExif({
      IFD0: { Make: 'WitnessPhone', Model: 'X1' },
      IFD3: {
        GPSLatitudeRef: 'S',
        GPSLatitude: '10/1 42/1 3600/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '25/1 28/1 1200/100',
      },
    })
    .toBuffer();
}

const incidentBody = (title: string, extra: Record<string, unknown>) => ({
  title,
  description: 'Photos were taken at the gate.',
  occurredAt: '2026-11-20T09:30:00.000Z',
  location: { name: 'Kolwezi, Kasulo quarter' },
  category: 'arrest_or_detention',
  severity: 'medium',
  allegedHumanRightsAbuse: false,
  anonymous: false,
  ...extra,
});

// Issues 20 and 13: files on the incident detail screen — the upload strips the location and
// device, the thumbnail and the download come through the bearer token, and a restricted
// incident's file is seen by no one outside the organisations it is shared with.
test('a member attaches a photo to an incident; a restricted incident keeps its file to itself', async ({
  browser,
}) => {
  test.setTimeout(360_000);
  const cast = await setUpCast(browser);
  const { ngo, company, focal, police, groupId } = cast;
  const incidentsUrl = `/groups/${groupId}/incidents`;

  const groupTitle = unique('Road block at the Kasumbalesa junction');
  const open = (await cast.call(
    ngo,
    'POST',
    `/api/v1/groups/${groupId}/incidents`,
    incidentBody(groupTitle, { confidentiality: 'group' }),
  )) as { id: string };

  // The police (a member of another organisation) adds a photo to the group incident.
  const page = police.page;
  await page.goto(`${incidentsUrl}/${open.id}`);
  await expect(page.getByRole('heading', { level: 2, name: groupTitle })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Files' })).toBeVisible();
  await expect(page.getByText('No files yet.')).toBeVisible();
  await expect(page.getByText(/hidden data is removed from it/)).toBeVisible();
  await page.getByLabel('Add a file', { exact: true }).setInputFiles({
    name: 'gate-photo.png',
    mimeType: 'image/png',
    buffer: await pngWithGps(),
  });
  const item = page.locator('.attachment', { hasText: 'gate-photo.png' });
  await expect(item).toBeVisible();
  await expect(item.getByRole('img', { name: 'Preview image of gate-photo.png' })).toBeVisible();
  await expect(item.getByRole('img', { name: 'Preview image of gate-photo.png' })).toHaveAttribute(
    'src',
    /^blob:/,
  );
  await expect(item).toContainText('Hidden data removed: location and device (EXIF)');

  const downloading = page.waitForEvent('download');
  await item.getByRole('button', { name: 'Download gate-photo.png' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('gate-photo.png');
  const path = await download.path();
  const meta = await sharp(path).metadata();
  expect(meta.format).toBe('png');
  expect(meta.width).toBe(64);
  expect(meta.exif).toBeUndefined();
  await checkScreen(page, 'incident-detail-attachments');

  // Another member sees it live on the same incident (attachment events refresh the list).
  await company.page.goto(`${incidentsUrl}/${open.id}`);
  await expect(company.page.locator('.attachment', { hasText: 'gate-photo.png' })).toBeVisible();

  // A restricted incident shared with the company only; the NGO attaches a photo to it.
  const secretTitle = unique('Detention at the Kasulo gate');
  const restricted = (await cast.call(
    ngo,
    'POST',
    `/api/v1/groups/${groupId}/incidents`,
    incidentBody(secretTitle, {
      confidentiality: 'restricted',
      sharedWithOrganisationIds: [company.organisation.id],
    }),
  )) as { id: string };
  const upload = await ngo.page.request.post(`/api/v1/incidents/${restricted.id}/attachments`, {
    headers: { Authorization: `Bearer ${ngo.token}` },
    multipart: { file: { name: 'secret-photo.png', mimeType: 'image/png', buffer: await pngWithGps() } },
  });
  expect(upload.status(), await upload.text()).toBe(201);
  const secret = (await upload.json()) as { id: string };

  // The company, which it is shared with, sees the file.
  await company.page.goto(`${incidentsUrl}/${restricted.id}`);
  await expect(company.page.getByRole('heading', { level: 2, name: secretTitle })).toBeVisible();
  await expect(company.page.locator('.attachment', { hasText: 'secret-photo.png' })).toBeVisible();

  // The focal point (another organisation) sees it nowhere: the incident is "not found", and so
  // are its file list, the file and its thumbnail.
  const fp: Member = focal;
  await fp.page.goto(`${incidentsUrl}/${restricted.id}`);
  await expect(fp.page.getByText('This was not found, or you may not see it.')).toBeVisible();
  await expect(fp.page.getByText('secret-photo.png')).toHaveCount(0);
  await expect(fp.page.getByText(secretTitle)).toHaveCount(0);
  for (const path of [
    `/api/v1/incidents/${restricted.id}/attachments`,
    `/api/v1/attachments/${secret.id}`,
    `/api/v1/attachments/${secret.id}/thumbnail`,
    `/api/v1/attachments/${secret.id}/info`,
  ]) {
    const res = await fp.page.request.get(path, { headers: { Authorization: `Bearer ${fp.token}` } });
    expect(res.status(), path).toBe(404);
    expect(await res.text()).not.toContain('secret-photo');
  }
  // Nor on the group incident the focal point can see.
  await fp.page.goto(`${incidentsUrl}/${open.id}`);
  await expect(fp.page.locator('.attachment', { hasText: 'gate-photo.png' })).toBeVisible();
  await expect(fp.page.getByText('secret-photo.png')).toHaveCount(0);
});
