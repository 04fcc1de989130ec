import { decisionError, isDecidable, manualMoveBy, mayMove } from './equipment-status';

describe('equipment request status', () => {
  it('follows received → under_assessment → decision → handed_over → monitoring → returned | closed', () => {
    expect(mayMove('received', 'under_assessment')).toBe(true);
    expect(mayMove('under_assessment', 'approved_with_conditions')).toBe(true);
    expect(mayMove('approved', 'handed_over')).toBe(true);
    expect(mayMove('handed_over', 'monitoring')).toBe(true);
    expect(mayMove('monitoring', 'closed')).toBe(true);
    expect(mayMove('monitoring', 'returned')).toBe(true);
  });

  it('refuses skipping the decision or reopening a final state', () => {
    expect(mayMove('received', 'handed_over')).toBe(false);
    expect(mayMove('declined', 'handed_over')).toBe(false);
    expect(mayMove('closed', 'monitoring')).toBe(false);
    expect(mayMove('handed_over', 'withdrawn')).toBe(false);
    expect(isDecidable('approved')).toBe(false);
    expect(isDecidable('under_assessment')).toBe(true);
  });

  it('a lethal item can only be declined; conditions are required with approved_with_conditions', () => {
    expect(decisionError('approved', ['vehicle', 'lethal'], undefined)?.field).toBe('outcome');
    expect(decisionError('approved_with_conditions', ['lethal'], 'Logbook')?.field).toBe('outcome');
    expect(decisionError('declined', ['lethal'], undefined)).toBeNull();
    expect(decisionError('approved_with_conditions', ['fuel'], '  ')?.field).toBe('conditions');
    expect(decisionError('approved', ['fuel'], undefined)).toBeNull();
  });

  it('the requesting organisation withdraws; the deciding company makes the other moves', () => {
    expect(manualMoveBy('withdrawn')).toBe('requesting');
    expect(manualMoveBy('handed_over')).toBe('deciding');
  });
});
